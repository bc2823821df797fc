/**
 * Figures of the reliability suite. Written straight to stdout (not console) so jest prints them
 * as plain lines without its console decoration, and they can be grepped from a CI log.
 */
export function report(line: string): void {
	process.stdout.write(`[reliability] ${line}\n`);
}

/** `{a: 1, b: 2}` as `a 1, b 2`, in key order, for summary lines. */
export function figures(counts: Record<string, number | undefined>): string {
	return Object.keys(counts)
		.sort()
		.map((key) => `${key} ${counts[key] ?? 0}`)
		.join(', ');
}
