/**
 * Facts about the host the Node object reports: CPUs, memory, the data dir's
 * filesystem size, addresses, kernel, OS image, machine/boot IDs, architecture.
 * Read once per status refresh; every read has a fallback so a missing file
 * (containers, unusual distributions) never stops registration.
 */
import { readFileSync, statfsSync } from 'node:fs'
import { arch, cpus, hostname, networkInterfaces, release, totalmem } from 'node:os'

export interface HostInfo {
  hostname: string
  internalIP: string
  cpus: number
  memoryBytes: number
  ephemeralStorageBytes: number
  kernelVersion: string
  osImage: string
  architecture: string
  machineID: string
  systemUUID: string
  bootID: string
}

const readTrimmed = (path: string): string => {
  try {
    return readFileSync(path, 'utf8').trim()
  } catch {
    return ''
  }
}

/** PRETTY_NAME from os-release text, as the kubelet's OS image. */
export const parseOsRelease = (text: string): string => {
  const m = /^PRETTY_NAME=(.*)$/m.exec(text)
  if (!m) return 'Linux'
  return m[1].trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1')
}

const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' }

/** Bridges and veths created for pods are not the node's address. */
const POD_LINKS = /^(lo|veth|cni|rcbr|docker|flannel|cali|virbr)/

export const pickInternalIP = (ifaces: ReturnType<typeof networkInterfaces>): string => {
  for (const [name, addrs] of Object.entries(ifaces)) {
    if (POD_LINKS.test(name)) continue
    const v4 = (addrs ?? []).find((a) => a.family === 'IPv4' && !a.internal)
    if (v4) return v4.address
  }
  return '127.0.0.1'
}

const uuidFromMachineId = (id: string) =>
  id.length === 32 ? `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}` : id

export const readHostInfo = (dataDir: string): HostInfo => {
  let ephemeralStorageBytes = 0
  try {
    const fs = statfsSync(dataDir)
    ephemeralStorageBytes = fs.blocks * fs.bsize
  } catch {
    ephemeralStorageBytes = 0
  }
  const machineID = readTrimmed('/etc/machine-id') || readTrimmed('/var/lib/dbus/machine-id')
  return {
    hostname: hostname().toLowerCase(),
    internalIP: pickInternalIP(networkInterfaces()),
    cpus: cpus().length || 1,
    memoryBytes: totalmem(),
    ephemeralStorageBytes,
    kernelVersion: release(),
    osImage: parseOsRelease(readTrimmed('/etc/os-release') || readTrimmed('/usr/lib/os-release')),
    architecture: GOARCH[arch()] ?? arch(),
    machineID,
    systemUUID: readTrimmed('/sys/class/dmi/id/product_uuid').toLowerCase() || uuidFromMachineId(machineID),
    bootID: readTrimmed('/proc/sys/kernel/random/boot_id'),
  }
}
