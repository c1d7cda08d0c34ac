import { policyModelSchema, type PolicyModel } from '../policy/schema';

const SEGMENT = /([A-Za-z_]\w*)|\[(\d+)\]/g;

function parsePath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const m of path.matchAll(SEGMENT)) parts.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return parts;
}

/**
 * The draft model without the parts the reviewer removed, given the model paths of the
 * removed claims (e.g. "processors[3]", "processors[1].legalBasis[0]"). Array items are
 * removed from the highest index down so earlier removals do not shift later ones.
 */
export function pruneDraft(model: PolicyModel, removedPaths: readonly string[]): { ok: true; model: PolicyModel } | { ok: false; message: string } {
  const copy = structuredClone(model) as unknown as Record<string, unknown>;
  const paths = [...new Set(removedPaths)].map(parsePath).filter((p) => p.length > 0);
  // Deepest and highest-index first.
  paths.sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
      const x = a[i];
      const y = b[i];
      if (x === y) continue;
      if (typeof x === 'number' && typeof y === 'number') return y - x;
      return String(x).localeCompare(String(y));
    }
    return b.length - a.length;
  });
  for (const path of paths) {
    let node: unknown = copy;
    for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown> | undefined)?.[key];
    const last = path[path.length - 1]!;
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else if (node && typeof node === 'object' && typeof last === 'string') delete (node as Record<string, unknown>)[last];
  }
  // Promises about a removed processor go with it.
  const processors = (copy.processors as { id: string; subProcessorOf?: string }[] | undefined) ?? [];
  const ids = new Set(processors.map((p) => p.id));
  for (const p of processors) if (p.subProcessorOf !== undefined && !ids.has(p.subProcessorOf)) delete p.subProcessorOf;
  const promises = (copy.promises as { processorId?: string; scope?: string; ref?: string }[] | undefined) ?? [];
  copy.promises = promises.filter(
    (p) => (p.processorId === undefined || ids.has(p.processorId)) && !(p.scope === 'processor' && p.ref !== undefined && !ids.has(p.ref)),
  );
  const parsed = policyModelSchema.safeParse(copy);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `Removing those claims leaves an invalid model: ${issue?.path.join('.')}: ${issue?.message}` };
  }
  return { ok: true, model: parsed.data };
}
