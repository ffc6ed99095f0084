/**
 * Child process of the crash-durability test: opens the sqlite store at
 * argv[2] and keeps `concurrency` (argv[3]) callers creating keys until killed,
 * printing `key createRevision modRevision` for each write once it is
 * acknowledged. stdout to a pipe is synchronous on Linux, so a printed line
 * reaches the parent even if this process is SIGKILLed right after.
 */
import { SqliteStore } from '../sqlite-store.ts'

const [file, concurrencyArg = '16'] = process.argv.slice(2)
if (!file) throw new Error('usage: crash-writer.ts FILE [CONCURRENCY]')
const store = await SqliteStore.open({ file })
process.stdout.write('ready\n')

async function worker(id: number): Promise<void> {
  for (let i = 0; ; i++) {
    const key = `/registry/crash/p${process.pid}/w${id}/${i}`
    const r = await store.create(key, { worker: id, i, pad: 'x'.repeat(200) })
    if (!r.ok) throw new Error(`create ${key} missed`)
    process.stdout.write(`${key} ${r.kv.createRevision} ${r.kv.modRevision}\n`)
  }
}

await Promise.all(Array.from({ length: Number(concurrencyArg) }, (_, id) => worker(id)))
