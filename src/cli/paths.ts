/** Default locations: /var/lib/runclass for root (a node daemon), ~/.local/share/runclass otherwise. */
import { homedir } from 'node:os'
import { join } from 'node:path'

export const defaultDataDir = () =>
  process.getuid?.() === 0 ? '/var/lib/runclass' : join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'runclass')
