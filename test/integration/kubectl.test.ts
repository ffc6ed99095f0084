/**
 * Real kubectl (1.27 and 1.33) against a started runclass control plane: every
 * command the foundation issue promises, with exact outputs where kubectl
 * prints something stable.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kubectl, requireKubectl } from '../helpers/kubectl.ts'
import { startTestCluster, type TestCluster } from '../helpers/cluster.ts'

const work = mkdtempSync(join(tmpdir(), 'rc-kubectl-'))
const file = (name: string, text: string) => {
  const path = join(work, name)
  writeFileSync(path, text)
  return path
}

const GVISOR = `apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: gvisor
  labels:
    tier: sandbox
handler: runsc
scheduling:
  nodeSelector:
    sandbox.gvisor.io: "true"
`
const GVISOR_CHANGED = `apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: gvisor
  labels:
    tier: sandbox2
handler: runsc
overhead:
  podFixed:
    memory: 120Mi
    cpu: 250m
`
const SEED_V1BETA1 = `apiVersion: node.k8s.io/v1beta1  # seed 001
kind: RuntimeClass
metadata:
  name: myclass
handler: myconfiguration
`
const SEED_BAD_OVERHEAD = `apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: badoverhead
handler: myconfiguration
overhead:
  memory: "100Mi"
  cpu: "0.1"
`

for (const minor of [27, 33]) {
  const found = requireKubectl(minor)
  describe(`kubectl 1.${minor}`, { skip: 'skip' in found ? found.skip : false }, () => {
    let cluster: TestCluster
    let k: Kubectl
    before(async () => {
      cluster = await startTestCluster()
      k = new Kubectl((found as { bin: string }).bin, cluster.kubeconfig)
    })
    after(async () => cluster?.stop())

    test('api-resources lists runtimeclasses and the core resources', async () => {
      const out = await k.ok(['api-resources'])
      assert.match(out, /^runtimeclasses\s+node\.k8s\.io\/v1\s+false\s+RuntimeClass$/m)
      assert.match(out, /^pods\s+po\s+v1\s+true\s+Pod$/m)
      assert.match(out, /^leases\s+coordination\.k8s\.io\/v1\s+true\s+Lease$/m)
    })

    test('apply creates, re-apply configures, get shows NAME HANDLER AGE', async () => {
      const path = file(`gvisor-${minor}.yaml`, GVISOR)
      assert.equal((await k.ok(['apply', '-f', path])).trim(), 'runtimeclass.node.k8s.io/gvisor created')
      const changed = file(`gvisor2-${minor}.yaml`, GVISOR_CHANGED)
      assert.equal((await k.ok(['apply', '-f', changed])).trim(), 'runtimeclass.node.k8s.io/gvisor configured')
      const table = await k.ok(['get', 'runtimeclasses'])
      assert.match(table, /^NAME\s+HANDLER\s+AGE\n/)
      assert.match(table, /^gvisor\s+runsc\s+\d+s$/m)
      const obj = JSON.parse(await k.ok(['get', 'runtimeclass', 'gvisor', '-o', 'json']))
      assert.equal(obj.metadata.labels.tier, 'sandbox2')
      assert.deepEqual(obj.overhead, { podFixed: { cpu: '250m', memory: '120Mi' } })
      assert.equal(obj.scheduling, undefined, 'apply removed the field the new manifest dropped')
      assert.equal((await k.ok(['apply', '-f', changed])).trim(), 'runtimeclass.node.k8s.io/gvisor unchanged')
    })

    test('get -o yaml, wide, name, jsonpath', async () => {
      const yaml = await k.ok(['get', 'runtimeclass', 'gvisor', '-o', 'yaml'])
      assert.match(yaml, /^apiVersion: node\.k8s\.io\/v1$/m)
      assert.match(yaml, /^handler: runsc$/m)
      assert.match(await k.ok(['get', 'runtimeclass', '-o', 'wide']), /^gvisor\s+runsc\s+\d+s$/m)
      assert.equal((await k.ok(['get', 'runtimeclass', '-o', 'name'])).trim(), 'runtimeclass.node.k8s.io/gvisor')
      assert.equal(await k.ok(['get', 'runtimeclass', 'gvisor', '-o', 'jsonpath={.handler}']), 'runsc')
    })

    test('describe shows the class', async () => {
      const out = await k.ok(['describe', 'runtimeclass', 'gvisor'])
      assert.match(out, /^Name:\s+gvisor$/m)
      assert.match(out, /^Handler:\s+runsc$/m)
    })

    test('patch: json, merge, strategic', async () => {
      await k.ok(['patch', 'runtimeclass', 'gvisor', '--type=json', '-p', '[{"op":"add","path":"/metadata/labels/json","value":"yes"}]'])
      await k.ok(['patch', 'runtimeclass', 'gvisor', '--type=merge', '-p', '{"metadata":{"labels":{"merge":"yes"}}}'])
      await k.ok(['patch', 'runtimeclass', 'gvisor', '-p', '{"metadata":{"labels":{"strategic":"yes"}}}'])
      const labels = JSON.parse(await k.ok(['get', 'runtimeclass', 'gvisor', '-o', 'jsonpath={.metadata.labels}']))
      assert.deepEqual({ json: labels.json, merge: labels.merge, strategic: labels.strategic }, { json: 'yes', merge: 'yes', strategic: 'yes' })
      const noop = await k.ok(['patch', 'runtimeclass', 'gvisor', '--type=merge', '-p', '{"metadata":{"labels":{"merge":"yes"}}}'])
      assert.equal(noop.trim(), 'runtimeclass.node.k8s.io/gvisor patched (no change)')
    })

    test('edit with a scripted EDITOR', async () => {
      const editor = join(work, `editor-${minor}.sh`)
      writeFileSync(editor, '#!/bin/sh\nsed -i "s/^  labels:/  labels:\\n    edited: \\"yes\\"/" "$1"\n')
      chmodSync(editor, 0o755)
      const out = await k.ok(['edit', 'runtimeclass', 'gvisor'], { env: { EDITOR: editor, KUBE_EDITOR: editor } })
      assert.equal(out.trim(), 'runtimeclass.node.k8s.io/gvisor edited')
      assert.equal(await k.ok(['get', 'runtimeclass', 'gvisor', '-o', 'jsonpath={.metadata.labels.edited}']), 'yes')
    })

    test('label and annotate', async () => {
      assert.equal((await k.ok(['label', 'runtimeclass', 'gvisor', 'team=platform'])).trim(), 'runtimeclass.node.k8s.io/gvisor labeled')
      // kubectl 1.27 prints `annotate`, later versions `annotated`.
      assert.match((await k.ok(['annotate', 'runtimeclass', 'gvisor', 'owner=ops'])).trim(), /^runtimeclass\.node\.k8s\.io\/gvisor annotated?$/)
      assert.equal((await k.ok(['get', 'runtimeclass', '-l', 'team=platform', '-o', 'name'])).trim(), 'runtimeclass.node.k8s.io/gvisor')
      assert.equal(await k.ok(['get', 'runtimeclass', 'gvisor', '-o', 'jsonpath={.metadata.annotations.owner}']), 'ops')
    })

    test('get -w sees a later change', async () => {
      const child = spawn(k.bin, [`--kubeconfig=${k.kubeconfig}`, `--cache-dir=${k.cacheDir}`, 'get', 'runtimeclass', 'gvisor', '-w', '-o', 'jsonpath={.metadata.labels.watched}{"\\n"}'])
      let out = ''
      child.stdout.on('data', (d) => (out += d))
      try {
        const deadline = Date.now() + 20_000
        while (!out.includes('\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
        assert.equal(out, '\n', 'the first line is the object as it is now, without the label')
        await k.ok(['label', 'runtimeclass', 'gvisor', 'watched=yes'])
        while (!out.includes('yes\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
        assert.equal(out, '\nyes\n')
      } finally {
        child.kill()
      }
    })

    test('explain runtimeclass.handler', async () => {
      const out = await k.ok(['explain', 'runtimeclass.handler'])
      assert.match(out, /FIELD:\s+handler\s+<string>/)
      assert.match(out, /DNS\s+label/i)
    })

    test('create namespace', async () => {
      assert.equal((await k.ok(['create', 'namespace', `team-${minor}`])).trim(), `namespace/team-${minor} created`)
      assert.match(await k.ok(['get', 'namespace', `team-${minor}`]), new RegExp(`^team-${minor}\\s+Active\\s+\\d+s$`, 'm'))
    })

    test('seed v1beta1 manifest applies verbatim; the malformed overhead one is rejected as upstream', async () => {
      const beta = await k.run(['apply', '-f', file(`beta-${minor}.yaml`, SEED_V1BETA1)])
      assert.equal(beta.code, 0, beta.stderr)
      assert.equal(beta.stdout.trim(), 'runtimeclass.node.k8s.io/myclass created')
      assert.match(beta.stderr, /node\.k8s\.io\/v1beta1 RuntimeClass is deprecated in v1\.22\+, unavailable in v1\.25\+/)
      const bad = file(`bad-${minor}.yaml`, SEED_BAD_OVERHEAD)
      const r = await k.run(['apply', '-f', bad])
      assert.equal(r.code, 1)
      assert.match(r.stderr, /RuntimeClass in version "v1" cannot be handled as a RuntimeClass: strict decoding error: unknown field "overhead\.cpu", unknown field "overhead\.memory"/)
    })

    test('invalid handler gets the exact 422 text', async () => {
      const r = await k.run(['create', '-f', file(`invalid-${minor}.yaml`, 'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: onebad\nhandler: Foo\n')])
      assert.equal(r.code, 1)
      assert.equal(
        r.stderr.trim(),
        `The RuntimeClass "onebad" is invalid: handler: Invalid value: "Foo": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      )
    })

    test('delete removes the class; a second delete is NotFound', async () => {
      assert.equal((await k.ok(['delete', 'runtimeclass', 'gvisor'])).trim(), 'runtimeclass.node.k8s.io "gvisor" deleted')
      const r = await k.run(['get', 'runtimeclass', 'gvisor'])
      assert.equal(r.code, 1)
      assert.equal(r.stderr.trim(), 'Error from server (NotFound): runtimeclasses.node.k8s.io "gvisor" not found')
    })

    test('a request without a valid token is refused', async () => {
      const r = await k.run(['get', 'runtimeclasses', '--token=wrong'])
      assert.equal(r.code, 1)
      assert.match(r.stderr, /You must be logged in to the server \(Unauthorized\)/)
    })
  })
}
