/**
 * The CLI's view of its process: where text goes, whether stderr is a terminal, the environment.
 * Commands write through this, never through `process` directly, so tests can run the whole CLI
 * in-process and read what it printed.
 */

export interface OutputStream {
  write(text: string): void;
  /** True when a person is watching (progress is drawn only then). */
  isTTY: boolean;
  /** Terminal width, when known (progress lines are cut to fit). */
  columns?: number;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  /** Folder that relative paths are resolved against. */
  cwd: string;
  pid: number;
}

export function processIo(): CliIo {
  const wrap = (s: NodeJS.WriteStream): OutputStream => ({
    write: (text) => {
      s.write(text);
    },
    get isTTY() {
      return s.isTTY === true;
    },
    get columns() {
      return s.columns;
    },
  });
  return {
    stdout: wrap(process.stdout),
    stderr: wrap(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    pid: process.pid,
  };
}

/** An io that records everything, for tests and for embedding the CLI. */
export function memoryIo(options: {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  tty?: boolean;
  pid?: number;
}): CliIo & {
  out: () => string;
  err: () => string;
} {
  let out = '';
  let err = '';
  const tty = options.tty ?? false;
  return {
    stdout: { write: (t) => void (out += t), isTTY: tty, columns: 100 },
    stderr: { write: (t) => void (err += t), isTTY: tty, columns: 100 },
    env: options.env ?? {},
    cwd: options.cwd,
    pid: options.pid ?? process.pid,
    out: () => out,
    err: () => err,
  };
}
