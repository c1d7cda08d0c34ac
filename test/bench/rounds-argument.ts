import { DEFAULT_REALISTIC_ROUNDS } from './page-load-realistic.ts';

/** `--rounds N` (N ≥ 2) for the realistic page-load phase; the quick default without it. */
export function roundsArgument(argv: readonly string[]): number {
  const at = argv.indexOf('--rounds');
  if (at < 0) return DEFAULT_REALISTIC_ROUNDS;
  const rounds = Number(argv[at + 1]);
  if (!Number.isInteger(rounds) || rounds < 2) throw new Error(`--rounds wants a whole number of at least 2, not ${JSON.stringify(argv[at + 1] ?? '')}`);
  return rounds;
}
