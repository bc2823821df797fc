/**
 * The SignalR JSON hub protocol, as much of it as a listen-only client needs (signalr-lab §3):
 * every record is JSON followed by 0x1e; the first client record is the handshake.
 */
export const RECORD_SEPARATOR = '\u001e';

export const MessageType = { Invocation: 1, Ping: 6, Close: 7 } as const;

export interface HubRecord {
	type?: number;
	protocol?: string;
	version?: number;
	[key: string]: unknown;
}

export const encodeRecord = (record: object): string => `${JSON.stringify(record)}${RECORD_SEPARATOR}`;

/** The records in one WebSocket message; unreadable ones come back as undefined. */
export function decodeRecords(data: string): Array<HubRecord | undefined> {
	return data
		.split(RECORD_SEPARATOR)
		.filter((part) => part.trim() !== '')
		.map((part) => {
			try {
				const record: unknown = JSON.parse(part);
				return record && typeof record === 'object' ? (record as HubRecord) : undefined;
			} catch {
				return undefined;
			}
		});
}

export const HANDSHAKE_OK = encodeRecord({});
export const PING = encodeRecord({ type: MessageType.Ping });

export const invocation = (target: string, args: unknown[]) =>
	encodeRecord({ type: MessageType.Invocation, target, arguments: args });

export const closeRecord = (error: string | undefined, allowReconnect: boolean) =>
	encodeRecord({ type: MessageType.Close, ...(error ? { error } : {}), ...(allowReconnect ? { allowReconnect } : {}) });

/** What Azure SignalR Service answers to a negotiate: WebSockets only, as the live trigger pins it. */
export const serviceNegotiateBody = (connectionId: string, connectionToken: string) => ({
	negotiateVersion: 1,
	connectionId,
	connectionToken,
	availableTransports: [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }],
});
