import { Argument } from 'commander';
import { completionScript, SHELLS, type Shell } from '../completion-scripts.js';
import type { Registry } from './registry.js';

/** Commands for the user's shell rather than the project. */
export function shellCommands({ program, run }: Registry): void {
  program
    .command('completion')
    .description('print a shell completion script (commands, their flags, workload names from pond.yaml)')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .addHelpText(
      'after',
      '\nExamples:\n  eval "$(pond completion bash)"     # in ~/.bashrc\n  source <(pond completion zsh)      # in ~/.zshrc\n  pond completion fish | source      # in ~/.config/fish/config.fish',
    )
    .action((shell: Shell) =>
      run(async () => {
        process.stdout.write(completionScript(shell));
        return 0;
      }),
    );
}
