/** CLI errors carry a stable code (RC_*) that decides the exit status and can be searched for. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
    this.name = 'CliError'
  }
}
