/** A whole-number command-line option within bounds; anything else ends the script with a message naming it. */
export function integerArg(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max} (got ${value})`);
    process.exit(2);
  }
  return n;
}
