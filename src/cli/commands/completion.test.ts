import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { Command, Option } from 'commander'
import { bashScript, completionTree, register } from './completion.ts'

const program = () => {
  const p = new Command().name('rc').version('1', '--version')
  p.command('up').option('--data-dir <dir>', 'd').addOption(new Option('--log-format <f>', 'f').choices(['text', 'json'])).option('--quiet', 'q')
  const explain = p.command('explain')
  explain.command('pod').argument('<name>').option('-n, --namespace <ns>', 'ns')
  explain.command('runtimeclass').alias('runtimeclasses')
  register(p)
  return p
}

test('completionTree: every command path with its flags, aliases and value-taking flags', () => {
  const tree = completionTree(program())
  assert.deepEqual(
    tree.map((n) => [n.path, n.subcommands.join(' '), n.flags.join(' ')]),
    [
      ['rc', 'up explain completion', '--version --help'],
      ['rc up', '', '--data-dir --log-format --quiet --help'],
      ['rc explain', 'pod runtimeclass runtimeclasses', '--help'],
      ['rc explain pod', '', '-n --namespace --help'],
      ['rc explain runtimeclass', '', '--help'],
      ['rc explain runtimeclasses', '', '--help'],
      ['rc completion', '', '--help'],
    ],
  )
  assert.deepEqual(tree[1].values, { '--data-dir': '__file__', '--log-format': 'text json' })
})

/** Runs the generated bash function on a command line (the last word is the one being completed). */
const complete = (script: string, words: string[]) => {
  const arr = words.map((w) => `'${w}'`).join(' ')
  const r = spawnSync('bash', ['-c', `${script}\nCOMP_WORDS=(${arr}); COMP_CWORD=${words.length - 1}; _rc; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' })
  assert.equal(r.stderr, '')
  return r.stdout.split('\n').filter(Boolean)
}

test('bash script completes commands, subcommands, flags and choices', () => {
  const script = bashScript(completionTree(program()))
  const cases: [string[], string[]][] = [
    [['rc', ''], ['up', 'explain', 'completion']],
    [['rc', 'ex'], ['explain']],
    [['rc', 'explain', ''], ['pod', 'runtimeclass', 'runtimeclasses']],
    [['rc', 'explain', 'pod', '--'], ['--namespace', '--help']],
    [['rc', 'up', '--log-format', ''], ['text', 'json']],
    [['rc', 'up', '--log-format', 'j'], ['json']],
    // an option's value that happens to be a command name is not taken as the command
    [['rc', 'up', '--data-dir', 'explain', '--q'], ['--quiet']],
    [['rc', '--v'], ['--version']],
  ]
  for (const [words, want] of cases) assert.deepEqual(complete(script, words), want, words.join(' '))
})
