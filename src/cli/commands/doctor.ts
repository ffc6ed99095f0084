/** `runclass doctor`: registered here; implementation pending. */
import type { Command } from 'commander'

export const register = (_program: Command) => {}
