/** An error that already knows the HTTP answer it stands for (REST, /_sim and in-process staff calls share it). */
export type ErrorBody = { message: string } | { error: string };

export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: ErrorBody,
		readonly headers: Record<string, string> = {},
	) {
		super('message' in body ? body.message : body.error);
		this.name = 'HttpError';
	}
}

export const badRequest = (message: string) => new HttpError(400, { message });
export const notFound = (message: string) => new HttpError(404, { message });
export const conflict = (message: string) => new HttpError(409, { message });
