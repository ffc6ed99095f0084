/**
 * Reading processes from /proc for the overhead measurement: a snapshot of the
 * process table (pid, parent, argv), the memory of one process from
 * `smaps_rollup` (RSS, PSS, private bytes) and its CPU time from `stat`
 * (utime + stime, all threads; cutime + cstime for waited-for children, which
 * is where the shim's `runc create/start` runs end up). Parsers are pure and
 * take the file text, so tests feed them fixtures; a process that exits while
 * being read simply yields nothing.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** USER_HZ: 100 on every Linux architecture Debian ships (`getconf CLK_TCK`). */
export const CLOCK_TICKS_PER_SECOND = 100

export interface ProcInfo {
  pid: number
  ppid: number
  /** The kernel's name for it (`/proc/<pid>/comm`); set for kernel threads and ptrace stubs, which have no argv. */
  comm: string
  argv: string[]
}

export interface ProcMemory {
  rssBytes: number
  pssBytes: number
  /** Private_Clean + Private_Dirty: what the process alone holds (its USS). */
  privateBytes: number
}

export interface ProcCpu {
  /** utime + stime of the process (all its threads), in clock ticks. */
  selfTicks: number
  /** cutime + cstime: children it waited for (short-lived runtime invocations). */
  childTicks: number
}

/** `/proc/<pid>/stat`: comm may hold spaces and parentheses, so fields are counted after the last `)`. */
export const parseStat = (text: string): { comm: string; ppid: number; cpu: ProcCpu } | undefined => {
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) return undefined
  // After ") ": state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17).
  const f = text.slice(close + 2).trim().split(/\s+/)
  const at = (field: number) => Number(f[field - 3])
  if (f.length < 15) return undefined
  return { comm: text.slice(open + 1, close), ppid: at(4), cpu: { selfTicks: at(14) + at(15), childTicks: at(16) + at(17) } }
}

/** `/proc/<pid>/smaps_rollup`: values are in kB. */
export const parseSmapsRollup = (text: string): ProcMemory => {
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)
    return m ? Number(m[1]) * 1024 : 0
  }
  return { rssBytes: kb('Rss'), pssBytes: kb('Pss'), privateBytes: kb('Private_Clean') + kb('Private_Dirty') }
}

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined // the process exited meanwhile
  }
}

export const processTable = (proc = '/proc'): ProcInfo[] => {
  const out: ProcInfo[] = []
  for (const entry of readdirSync(proc)) {
    if (!/^\d+$/.test(entry)) continue
    const stat = read(`${proc}/${entry}/stat`)
    const parsed = stat === undefined ? undefined : parseStat(stat)
    if (!parsed) continue
    const cmdline = read(`${proc}/${entry}/cmdline`) ?? ''
    // Kernel threads have an empty cmdline; others end in one NUL.
    out.push({ pid: Number(entry), ppid: parsed.ppid, comm: parsed.comm, argv: cmdline === '' ? [] : cmdline.replace(/\0$/, '').split('\0') })
  }
  return out
}

/** `root` and every process below it in `table`. */
export const descendants = (table: ProcInfo[], root: number): ProcInfo[] => {
  const children = new Map<number, ProcInfo[]>()
  for (const p of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p])
  const self = table.find((p) => p.pid === root)
  if (!self) return []
  const out: ProcInfo[] = []
  const queue = [self]
  while (queue.length) {
    const p = queue.shift()!
    out.push(p)
    queue.push(...(children.get(p.pid) ?? []))
  }
  return out
}

export const processMemory = (pid: number, proc = '/proc'): ProcMemory | undefined => {
  const text = read(`${proc}/${pid}/smaps_rollup`)
  return text === undefined ? undefined : parseSmapsRollup(text)
}

export const processCpu = (pid: number, proc = '/proc'): ProcCpu | undefined => {
  const text = read(`${proc}/${pid}/stat`)
  return text === undefined ? undefined : parseStat(text)?.cpu
}
