// The text of a PDF, extracted with pdf-parse (pdf.js) in a child Node process: pdf.js loads its
// worker with a dynamic import(), which Jest's CommonJS sandbox refuses, so the extraction runs
// outside it. The bytes go in on stdin, the text comes back on stdout.
import { execFile } from 'node:child_process';
import path from 'node:path';

const BACKEND_DIR = path.resolve(__dirname, '../..');

const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try { process.stdout.write((await parser.getText()).text); } finally { await parser.destroy(); }
});`;

export function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', SCRIPT], { cwd: BACKEND_DIR, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`PDF text extraction failed: ${stderr || err.message}`)) : resolve(stdout),
    );
    child.stdin!.end(pdf);
  });
}
