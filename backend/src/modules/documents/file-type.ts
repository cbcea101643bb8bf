// The type of an uploaded file, from its first bytes — never from its name or the type the client
// declared (a renamed executable stays an executable).
export const ACCEPTED_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

const SIGNATURES: { type: AcceptedType; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/tiff', bytes: [0x49, 0x49, 0x2a, 0x00] }, // little-endian "II*\\0"
  { type: 'image/tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] }, // big-endian "MM\\0*"
];

export function sniffType(bytes: Buffer): AcceptedType | undefined {
  return SIGNATURES.find((s) => bytes.length >= s.bytes.length && s.bytes.every((b, i) => bytes[i] === b))?.type;
}

export const ACCEPTED_DESCRIPTION = 'PDF, PNG, JPEG or TIFF';
