/** The text of the first file chosen in a file input, with its name; null when none. */
export async function readChosenFile(input: HTMLInputElement): Promise<{ name: string; text: string } | null> {
  const file = input.files?.[0];
  if (!file) return null;
  return { name: file.name, text: await file.text() };
}

const JSON_START_RE = /^\s*[{[]/;

/** A file name for pasted model text, so the loader picks the right format. */
export function pastedFileName(text: string): string {
  return JSON_START_RE.test(text) ? 'pasted.json' : 'pasted.yaml';
}
