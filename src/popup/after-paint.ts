/**
 * Runs `work` once the browser has painted the current frame (a task queued from the next
 * animation frame runs after its paint), so deferred work never delays the first screen.
 * Returns the cancel.
 */
export function afterPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
