/** A LIKE pattern matching text that contains `q` literally (%, _ and \ in it are escaped). */
export function containing(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
