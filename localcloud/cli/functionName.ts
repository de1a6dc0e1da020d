/**
 * The deployed function a typed name means: exact, else the one name equal to it ignoring
 * letter case (`getownlist` -> `getOwnList`). Otherwise undefined and, when one is close (a
 * typo of at most a third of its letters), the suggestion.
 */
export function resolveFunctionName(typed: string, names: readonly string[]): { name?: string; suggestion?: string } {
  if (names.includes(typed)) return { name: typed };
  const sameLetters = names.filter((n) => n.toLowerCase() === typed.toLowerCase());
  if (sameLetters.length === 1) return { name: sameLetters[0] as string };
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(typed.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(best.name.length / 3)) ? { suggestion: best.name } : {};
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length] as number;
}
