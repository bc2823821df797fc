/**
 * At most `max` ticket re-reads in flight for one trigger. After a network blip every watched
 * ticket reconnects at once; 500 simultaneous reads through n8n's HTTP helper cost far more
 * memory (and no less time) than a steady stream of ten.
 */
export class ReadLimit {
	private active = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(private readonly max: number) {}

	async run<T>(work: () => Promise<T>): Promise<T> {
		if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
		this.active++;
		try {
			return await work();
		} finally {
			this.active--;
			this.waiting.shift()?.();
		}
	}
}
