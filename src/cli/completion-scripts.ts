/** The hidden command the scripts call back: `pond __complete WORD... CURRENT` prints one candidate a line. */
export const COMPLETE_COMMAND = '__complete';

export type Shell = 'bash' | 'zsh' | 'fish';
export const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

const BASH = `# pond completion for bash: eval "$(pond completion bash)"
_pond_complete() {
  local IFS=$'\\n'
  COMPREPLY=($(pond ${COMPLETE_COMMAND} "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _pond_complete pond
`;

const ZSH = `#compdef pond
# pond completion for zsh: source <(pond completion zsh)
_pond() {
  local -a candidates
  candidates=("\${(@f)$(pond ${COMPLETE_COMMAND} "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if [[ -n "\${candidates[1]}" ]]; then compadd -- "\${candidates[@]}"; else _files; fi
}
if (( $+functions[compdef] )); then compdef _pond pond; fi
`;

const FISH = `# pond completion for fish: pond completion fish | source
function __pond_complete
    set -l tokens (commandline -opc)
    set -e tokens[1]
    pond ${COMPLETE_COMMAND} $tokens (commandline -ct) 2>/dev/null
end
complete -c pond -f -a '(__pond_complete)'
`;

/** The script a shell sources to complete pond: it asks pond itself, so it never goes stale. */
export function completionScript(shell: Shell): string {
  return { bash: BASH, zsh: ZSH, fish: FISH }[shell];
}
