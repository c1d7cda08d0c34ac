/** A validation problem located in a model file (same shape as the policy loader's PolicyError). */
export interface LocatedError {
  file: string;
  line?: number;
  column?: number;
  path: string;
  message: string;
}

/** `file:line:col path: message`, the form editors and terminals link to. */
export function formatLocatedError(e: LocatedError): string {
  const position = e.line === undefined ? '' : e.column === undefined ? `:${e.line}` : `:${e.line}:${e.column}`;
  const path = e.path === '' ? '' : ` ${e.path}`;
  return `${e.file}${position}${path}: ${e.message}`;
}
