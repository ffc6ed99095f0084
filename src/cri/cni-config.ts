/**
 * The CNI conflist for pod networking (runtimes-debian.md §3 CNI): one bridge
 * with host-local IPAM, gateway on the bridge, no iptables changes. It must be
 * on disk before containerd starts: containerd 1.6.20 can miss a later change
 * and stay NetworkReady=false until restarted.
 */

export const DEFAULT_BRIDGE = 'rcbr0'
export const DEFAULT_SUBNET = '10.88.0.0/16'
export const CONFLIST_NAME = '10-runclass.conflist'

export interface CniOptions {
  /** Linux interface name, at most 15 characters. */
  bridge?: string
  subnet?: string
  ipamDir: string
}

export const cniConflist = ({ bridge = DEFAULT_BRIDGE, subnet = DEFAULT_SUBNET, ipamDir }: CniOptions): string => {
  if (bridge.length > 15) throw new Error(`bridge name ${JSON.stringify(bridge)} is longer than 15 characters`)
  return `${JSON.stringify(
    {
      cniVersion: '1.0.0',
      name: 'runclass',
      plugins: [
        {
          type: 'bridge', bridge, isGateway: true, ipMasq: false, hairpinMode: true,
          ipam: { type: 'host-local', ranges: [[{ subnet }]], routes: [{ dst: '0.0.0.0/0' }], dataDir: ipamDir },
        },
      ],
    },
    null,
    2,
  )}\n`
}
