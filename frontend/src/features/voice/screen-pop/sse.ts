// Server-sent events read from a fetch response (the stream is authenticated with the Bearer token,
// which EventSource cannot send): each event's `data:` lines joined, parsed by the caller.

/** Splits a chunk stream into complete events' data; keeps what is left of an unfinished event. */
export function createSseParser(onData: (data: string) => void) {
  let buffer = '';
  return (chunk: string) => {
    buffer += chunk.replace(/\r\n/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data) onData(data);
    }
  };
}
