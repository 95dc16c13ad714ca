/*
 * A small QR code encoder (ISO/IEC 18004) for the console's authenticator set-up: byte mode, error
 * correction level M, versions 1–10 (up to 213 bytes; an otpauth:// URI is about 120). Written for
 * Leadline, no third-party code. qrMatrix works without a DOM (Node imports it in QrCodeTest).
 *
 *   qrMatrix(text) → rows of booleans, true = dark module (no quiet zone)
 *   qrSvg(text)    → an <svg> element with a 4-module quiet zone
 */

// Per version (index 1–10), level M: [EC codewords per block, [blocks, data codewords per block]...].
const BLOCKS_M = [null,
  [10, [1, 16]],
  [16, [1, 28]],
  [26, [1, 44]],
  [18, [2, 32]],
  [24, [2, 43]],
  [16, [4, 27]],
  [18, [4, 31]],
  [22, [2, 38], [2, 39]],
  [22, [3, 36], [2, 37]],
  [26, [4, 43], [1, 44]],
];

// Centres of the alignment patterns, per version.
const ALIGNMENT = [null, [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34],
  [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]];

const MAX_VERSION = 10;
const EC_LEVEL_M = 0b00; // format bits: L=01, M=00, Q=11, H=10
const MODE_BYTE = 0b0100;

// ---- GF(256) arithmetic, primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 ---------------------------
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
(function tables() {
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) { x ^= 0x11d; }
  }
  for (let i = 255; i < 512; i++) { EXP[i] = EXP[i - 255]; }
}());

function mul(a, b) {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]];
}

/** The generator polynomial (x - α^0)(x - α^1)…(x - α^(n-1)), highest coefficient first. */
function generator(degree) {
  let poly = [1];
  for (let i = 0; i < degree; i++) {
    const next = new Array(poly.length + 1).fill(0);
    for (let j = 0; j < poly.length; j++) {
      next[j] ^= poly[j];
      next[j + 1] ^= mul(poly[j], EXP[i]);
    }
    poly = next;
  }
  return poly;
}

/** The Reed–Solomon error correction codewords of one block: data · x^n mod generator. */
function reedSolomon(data, degree) {
  const gen = generator(degree);
  const rest = new Array(degree).fill(0);
  for (const byte of data) {
    const factor = byte ^ rest.shift();
    rest.push(0);
    for (let i = 0; i < degree; i++) { rest[i] ^= mul(gen[i + 1], factor); }
  }
  return rest;
}

// ---- Capacity and data codewords ---------------------------------------------------------------------
function dataCodewords(version) {
  const [, ...groups] = BLOCKS_M[version];
  return groups.reduce((sum, [n, k]) => sum + n * k, 0);
}

function countBits(version) {
  return version <= 9 ? 8 : 16;
}

function chooseVersion(length) {
  for (let v = 1; v <= MAX_VERSION; v++) {
    if (4 + countBits(v) + 8 * length <= dataCodewords(v) * 8) { return v; }
  }
  throw new RangeError('text too long for a QR code up to version ' + MAX_VERSION + ' (' + length + ' bytes)');
}

function encodeData(bytes, version) {
  const bits = [];
  const put = (value, n) => { for (let i = n - 1; i >= 0; i--) { bits.push((value >>> i) & 1); } };
  put(MODE_BYTE, 4);
  put(bytes.length, countBits(version));
  for (const b of bytes) { put(b, 8); }
  const capacity = dataCodewords(version) * 8;
  put(0, Math.min(4, capacity - bits.length)); // terminator
  while (bits.length % 8) { bits.push(0); }
  const out = [];
  for (let i = 0; i < bits.length; i += 8) {
    let b = 0;
    for (let j = 0; j < 8; j++) { b = (b << 1) | bits[i + j]; }
    out.push(b);
  }
  for (let pad = 0xec; out.length < capacity / 8; pad ^= 0xec ^ 0x11) { out.push(pad); }
  return out;
}

/** Splits the data into blocks, adds each block's error correction, and interleaves them. */
function finalCodewords(data, version) {
  const [ecLength, ...groups] = BLOCKS_M[version];
  const blocks = [];
  let offset = 0;
  for (const [count, size] of groups) {
    for (let i = 0; i < count; i++) {
      const block = data.slice(offset, offset + size);
      offset += size;
      blocks.push({ data: block, ec: reedSolomon(block, ecLength) });
    }
  }
  const out = [];
  const longest = Math.max(...blocks.map((b) => b.data.length));
  for (let i = 0; i < longest; i++) {
    for (const b of blocks) { if (i < b.data.length) { out.push(b.data[i]); } }
  }
  for (let i = 0; i < ecLength; i++) {
    for (const b of blocks) { out.push(b.ec[i]); }
  }
  return out;
}

// ---- The matrix ----------------------------------------------------------------------------------------
class Grid {
  constructor(version) {
    this.version = version;
    this.size = 17 + 4 * version;
    this.dark = Array.from({ length: this.size }, () => new Array(this.size).fill(false));
    this.reserved = Array.from({ length: this.size }, () => new Array(this.size).fill(false));
  }

  /** Sets a function-pattern module (x = column, y = row); data never goes there. */
  fn(x, y, dark) {
    this.dark[y][x] = dark;
    this.reserved[y][x] = true;
  }
}

function drawFunctionPatterns(g) {
  const n = g.size;
  // Timing patterns.
  for (let i = 0; i < n; i++) {
    g.fn(6, i, i % 2 === 0);
    g.fn(i, 6, i % 2 === 0);
  }
  // Finder patterns with their light separators.
  for (const [cx, cy] of [[3, 3], [n - 4, 3], [3, n - 4]]) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        if (x < 0 || y < 0 || x >= n || y >= n) { continue; }
        const d = Math.max(Math.abs(dx), Math.abs(dy));
        g.fn(x, y, d !== 2 && d !== 4);
      }
    }
  }
  // Alignment patterns, except where they would overlap a finder.
  const centres = ALIGNMENT[g.version];
  const last = centres.length - 1;
  centres.forEach((cx, i) => centres.forEach((cy, j) => {
    if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) { return; }
    for (let dy = -2; dy <= 2; dy++) {
      for (let dx = -2; dx <= 2; dx++) {
        g.fn(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }
  }));
  // Reserve the format areas now (drawn for real once the mask is chosen), and the dark module.
  drawFormat(g, 0);
  drawVersion(g);
}

function bit(value, i) {
  return ((value >>> i) & 1) !== 0;
}

/** The 15 format bits (level and mask, BCH-protected) in both copies, and the dark module. */
function drawFormat(g, mask) {
  const data = (EC_LEVEL_M << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) { rem = (rem << 1) ^ ((rem >>> 9) * 0x537); }
  const bits = ((data << 10) | rem) ^ 0x5412;
  const n = g.size;
  for (let i = 0; i <= 5; i++) { g.fn(8, i, bit(bits, i)); }
  g.fn(8, 7, bit(bits, 6));
  g.fn(8, 8, bit(bits, 7));
  g.fn(7, 8, bit(bits, 8));
  for (let i = 9; i < 15; i++) { g.fn(14 - i, 8, bit(bits, i)); }
  for (let i = 0; i < 8; i++) { g.fn(n - 1 - i, 8, bit(bits, i)); }
  for (let i = 8; i < 15; i++) { g.fn(8, n - 15 + i, bit(bits, i)); }
  g.fn(8, n - 8, true);
}

/** Versions 7 and up: the 18 version bits (BCH-protected), bottom-left and top-right. */
function drawVersion(g) {
  if (g.version < 7) { return; }
  let rem = g.version;
  for (let i = 0; i < 12; i++) { rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25); }
  const bits = (g.version << 12) | rem;
  for (let i = 0; i < 18; i++) {
    const a = g.size - 11 + (i % 3);
    const b = Math.floor(i / 3);
    g.fn(a, b, bit(bits, i));
    g.fn(b, a, bit(bits, i));
  }
}

/** Places the codewords in the two-column zigzag from the bottom right, skipping the timing column. */
function drawCodewords(g, codewords) {
  const n = g.size;
  let i = 0;
  const total = codewords.length * 8;
  for (let right = n - 1; right >= 1; right -= 2) {
    if (right === 6) { right = 5; }
    const upward = ((right + 1) & 2) === 0;
    for (let step = 0; step < n; step++) {
      const y = upward ? n - 1 - step : step;
      for (let k = 0; k < 2; k++) {
        const x = right - k;
        if (g.reserved[y][x]) { continue; }
        if (i < total) {
          g.dark[y][x] = bit(codewords[i >>> 3], 7 - (i & 7));
          i++;
        } // else: remainder bits stay light
      }
    }
  }
}

const MASKS = [
  (x, y) => (x + y) % 2 === 0,
  (x, y) => y % 2 === 0,
  (x, y) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => (x * y) % 2 + (x * y) % 3 === 0,
  (x, y) => ((x * y) % 2 + (x * y) % 3) % 2 === 0,
  (x, y) => ((x + y) % 2 + (x * y) % 3) % 2 === 0,
];

function applyMask(g, mask) {
  const f = MASKS[mask];
  for (let y = 0; y < g.size; y++) {
    for (let x = 0; x < g.size; x++) {
      if (!g.reserved[y][x] && f(x, y)) { g.dark[y][x] = !g.dark[y][x]; }
    }
  }
}

// ---- Penalty (the four rules of the standard) -------------------------------------------------------------
function penalty(m) {
  const n = m.length;
  let score = 0;
  const line = (get) => {
    // Rule 1: five or more in a row of one colour.
    let s = 0;
    let run = 1;
    for (let i = 1; i < n; i++) {
      if (get(i) === get(i - 1)) {
        run++;
      } else {
        if (run >= 5) { s += 3 + run - 5; }
        run = 1;
      }
    }
    if (run >= 5) { s += 3 + run - 5; }
    // Rule 3: dark-light-dark-dark-dark-light-dark with four light modules on one side.
    const light = (i) => i < 0 || i >= n || !get(i);
    for (let i = 0; i + 6 < n; i++) {
      if (get(i) && !get(i + 1) && get(i + 2) && get(i + 3) && get(i + 4) && !get(i + 5) && get(i + 6)) {
        const before = light(i - 1) && light(i - 2) && light(i - 3) && light(i - 4);
        const after = light(i + 7) && light(i + 8) && light(i + 9) && light(i + 10);
        if (before) { s += 40; }
        if (after) { s += 40; }
      }
    }
    return s;
  };
  for (let y = 0; y < n; y++) { score += line((i) => m[y][i]); }
  for (let x = 0; x < n; x++) { score += line((i) => m[i][x]); }
  // Rule 2: 2×2 blocks of one colour.
  for (let y = 0; y + 1 < n; y++) {
    for (let x = 0; x + 1 < n; x++) {
      const c = m[y][x];
      if (c === m[y][x + 1] && c === m[y + 1][x] && c === m[y + 1][x + 1]) { score += 3; }
    }
  }
  // Rule 4: the share of dark modules away from 50 %.
  let dark = 0;
  for (const row of m) { for (const d of row) { if (d) { dark++; } } }
  const total = n * n;
  score += 10 * Math.floor(Math.abs(dark * 20 - total * 10) / total);
  return score;
}

// ---- Public API --------------------------------------------------------------------------------------------
/** The QR code of text (UTF-8, byte mode, level M) as rows of booleans, true = dark. */
export function qrMatrix(text) {
  const bytes = new TextEncoder().encode(String(text));
  const version = chooseVersion(bytes.length);
  const codewords = finalCodewords(encodeData(Array.from(bytes), version), version);
  let best = null;
  let bestScore = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    const g = new Grid(version);
    drawFunctionPatterns(g);
    drawCodewords(g, codewords);
    applyMask(g, mask);
    drawFormat(g, mask);
    const score = penalty(g.dark);
    if (score < bestScore) {
      bestScore = score;
      best = g.dark;
    }
  }
  return best;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The QR code as an <svg> element (one path; a 4-module light quiet zone), built with DOM APIs. */
export function qrSvg(text, label) {
  const m = qrMatrix(text);
  const quiet = 4;
  const size = m.length + 2 * quiet;
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + size + ' ' + size);
  svg.setAttribute('width', String(size * 5));
  svg.setAttribute('height', String(size * 5));
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('role', 'img');
  if (label) { svg.setAttribute('aria-label', label); }
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', String(size));
  background.setAttribute('height', String(size));
  background.setAttribute('fill', '#fff');
  const path = document.createElementNS(SVG_NS, 'path');
  let d = '';
  m.forEach((row, y) => row.forEach((dark, x) => {
    if (dark) { d += 'M' + (x + quiet) + ' ' + (y + quiet) + 'h1v1h-1z'; }
  }));
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000');
  svg.append(background, path);
  return svg;
}
