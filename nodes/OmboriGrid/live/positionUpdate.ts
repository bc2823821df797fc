import type { Position, PositionUpdateMessage } from '../shared/types';

const isPosition = (value: unknown): value is Position =>
	!!value &&
	typeof value === 'object' &&
	typeof (value as Position).id === 'string' &&
	typeof (value as Position).status === 'string';

/**
 * The ticket in a `position-update` argument: a JSON string of `{"position": …}` today, an object
 * in an older page version (ombori-api.md §6). Undefined when it is neither.
 */
export function readPositionUpdate(argument: unknown): Position | undefined {
	let message: unknown = argument;
	if (typeof argument === 'string') {
		try {
			message = JSON.parse(argument);
		} catch {
			return undefined;
		}
	}
	const position = (message as Partial<PositionUpdateMessage> | null)?.position;
	return isPosition(position) ? position : undefined;
}
