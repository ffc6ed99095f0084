/**
 * `runclass completion bash|zsh`: prints a shell completion script generated
 * from the commander program itself (commander has none built in), so every
 * command, alias and flag registered anywhere completes without a list to
 * keep in sync. The script is data (three tables keyed by command path) plus
 * one small function: it walks the words typed so far through the command
 * tree (skipping option values), then offers the subcommands, the flags, an
 * option's choices, or file names for a flag that takes a value.
 */
import type { Command, Option } from 'commander'
import { CliError } from '../errors.ts'

export interface CompletionNode {
  /** `runclass`, `runclass explain`, `runclass explain pod`. */
  path: string
  subcommands: string[]
  flags: string[]
  /** Flags that take a value → its choices, or `__file__` for anything. */
  values: Record<string, string>
}

export const FILE = '__file__'

const flagsOf = (o: Option): string[] => [o.short, o.long].filter((f): f is string => !!f)

/** The program's commands depth-first, each with its flags (plus --help; --version at the root). */
export const completionTree = (program: Command): CompletionNode[] => {
  const out: CompletionNode[] = []
  const walk = (cmd: Command, path: string) => {
    const visible = cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden)
    const options = cmd.options.filter((o) => !o.hidden)
    const values: Record<string, string> = {}
    for (const o of options) {
      if (!o.required && !o.optional) continue
      for (const f of flagsOf(o)) values[f] = o.argChoices?.join(' ') ?? FILE
    }
    const flags = [...new Set([...options.flatMap(flagsOf), '--help'])]
    out.push({ path, subcommands: visible.flatMap((c) => [c.name(), ...c.aliases()]), flags, values })
    for (const c of visible) for (const name of [c.name(), ...c.aliases()]) walk(c, `${path} ${name}`)
  }
  walk(program, program.name())
  return out
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

const tables = (tree: CompletionNode[], assign: (table: string, key: string, value: string) => string): string[] => {
  const lines: string[] = []
  for (const n of tree) {
    lines.push(assign('subs', n.path, n.subcommands.join(' ')))
    lines.push(assign('opts', n.path, n.flags.join(' ')))
    for (const [flag, v] of Object.entries(n.values)) lines.push(assign('args', `${n.path}|${flag}`, v))
  }
  return lines
}

export const bashScript = (tree: CompletionNode[], name = tree[0].path): string => {
  const fn = `_${name.replace(/[^A-Za-z0-9_]/g, '_')}`
  return `# bash completion for ${name}; load with: source <(${name} completion bash)
declare -gA ${fn}_subs ${fn}_opts ${fn}_args
${tables(tree, (t, k, v) => `${fn}_${t}[${q(k)}]=${q(v)}`).join('\n')}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local path=${q(name)} i w skip=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    if [[ $w == -* ]]; then
      [[ $w != *=* && -n "\${${fn}_args["$path|$w"]+x}" ]] && skip=1
      continue
    fi
    [[ " \${${fn}_subs["$path"]} " == *" $w "* ]] && path="$path $w"
  done
  if [[ $cur != -* && -n "\${${fn}_args["$path|$prev"]+x}" ]]; then
    local v="\${${fn}_args["$path|$prev"]}"
    if [[ $v == ${FILE} ]]; then COMPREPLY=($(compgen -f -- "$cur")); else COMPREPLY=($(compgen -W "$v" -- "$cur")); fi
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "\${${fn}_opts["$path"]}" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "\${${fn}_subs["$path"]}" -- "$cur"))
  fi
}
complete -o default -F ${fn} ${name}
`
}

export const zshScript = (tree: CompletionNode[], name = tree[0].path): string => {
  const fn = `_${name.replace(/[^A-Za-z0-9_]/g, '_')}`
  return `#compdef ${name}
# zsh completion for ${name}; load with: source <(${name} completion zsh)  (after compinit)
typeset -gA ${fn}_subs ${fn}_opts ${fn}_args
${tables(tree, (t, k, v) => `${fn}_${t}[${q(k)}]=${q(v)}`).join('\n')}
${fn}() {
  local cmdpath=${q(name)} i w skip=0
  for ((i = 2; i < CURRENT; i++)); do
    w=\${words[i]}
    if ((skip)); then skip=0; continue; fi
    if [[ $w == -* ]]; then
      [[ $w != *=* && -n \${${fn}_args[$cmdpath|$w]+x} ]] && skip=1
      continue
    fi
    [[ " \${${fn}_subs[$cmdpath]} " == *" $w "* ]] && cmdpath="$cmdpath $w"
  done
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]}
  if [[ $cur != -* && -n \${${fn}_args[$cmdpath|$prev]+x} ]]; then
    local v=\${${fn}_args[$cmdpath|$prev]}
    if [[ $v == ${FILE} ]]; then _files; else compadd -- \${=v}; fi
    return
  fi
  if [[ $cur == -* ]]; then compadd -- \${=${fn}_opts[$cmdpath]}; else compadd -- \${=${fn}_subs[$cmdpath]}; fi
}
compdef ${fn} ${name}
`
}

export const register = (program: Command) => {
  program
    .command('completion')
    .description('print a shell completion script (bash or zsh)')
    .argument('<shell>', 'bash or zsh')
    .addHelpText('after', '\nExamples:\n  source <(runclass completion bash)\n  runclass completion bash > /etc/bash_completion.d/runclass\n  source <(runclass completion zsh)   # in ~/.zshrc, after compinit\n')
    .action((shell: string) => {
      const tree = completionTree(program)
      if (shell === 'bash') process.stdout.write(bashScript(tree))
      else if (shell === 'zsh') process.stdout.write(zshScript(tree))
      else throw new CliError('RC_COMPLETION_SHELL', `unsupported shell "${shell}" for <shell>: use bash or zsh`)
    })
}
