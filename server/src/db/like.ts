/** `q` with the LIKE wildcards %, _ and the escape character \ escaped, to match literally. */
export function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching text that contains `q` literally. */
export function containing(q: string): string {
  return `%${escapeLike(q)}%`;
}

/** A LIKE pattern matching text that starts with `q` literally. */
export function startingWith(q: string): string {
  return `${escapeLike(q)}%`;
}
