import crypto from 'node:crypto';
import { loadConfig } from '../../config.ts';
import { keyCreatedWarning, loadSecretKey } from './secret-key.ts';

/** What a lookup hash is of: the same text hashed for two kinds never matches. */
export type LookupKind = 'resident_id' | 'phone';

const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/**
 * Random IVs drawn from one buffer filled by the CSPRNG and never handed out twice: one call to the random
 * source per 4,096 values instead of one per value (a roster import seals millions).
 */
const ivPool = Buffer.allocUnsafe(IV_BYTES * 4096);
let ivAt = ivPool.length;
function nextIv(into: Buffer, offset: number) {
  if (ivAt + IV_BYTES > ivPool.length) {
    crypto.randomFillSync(ivPool);
    ivAt = 0;
  }
  ivPool.copy(into, offset, ivAt, ivAt + IV_BYTES);
  ivAt += IV_BYTES;
}

/**
 * Personal data at rest: AES-256-GCM with a random 96-bit IV per value, and an HMAC-SHA256 lookup hash
 * for exact search. Both keys are derived from one secret with HKDF, so neither reveals the other.
 */
export class PersonalDataCipher {
  readonly #encryptionKey: Buffer;
  readonly #lookupKey: Buffer;

  constructor(secret: Buffer) {
    if (secret.length !== 32) throw new Error('personal-data secret must be 32 bytes');
    this.#encryptionKey = Buffer.from(crypto.hkdfSync('sha256', secret, '', 'gonghui personal data v1', 32));
    this.#lookupKey = Buffer.from(crypto.hkdfSync('sha256', secret, '', 'gonghui lookup hash v1', 32));
  }

  /** version (1 byte) ‖ IV (12) ‖ tag (16) ‖ ciphertext. */
  encrypt(clear: string): Buffer {
    return this.seal(Buffer.from(clear, 'utf8'));
  }

  /** Throws when the value was not made with this key or was altered. */
  decrypt(sealed: Uint8Array): string {
    return this.open(sealed).toString('utf8');
  }

  /** Encrypts bytes (an uploaded file's chunk) the same way. */
  seal(clear: Buffer): Buffer {
    const out = Buffer.allocUnsafe(HEADER_BYTES + clear.length);
    out[0] = FORMAT_V1;
    nextIv(out, 1);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#encryptionKey, out.subarray(1, 1 + IV_BYTES));
    // GCM is a stream mode: the ciphertext is exactly as long as the clear text.
    const written =
      cipher.update(clear).copy(out, HEADER_BYTES) + cipher.final().copy(out, HEADER_BYTES + clear.length);
    if (written !== clear.length) throw new Error('personal-data ciphertext length mismatch');
    cipher.getAuthTag().copy(out, 1 + IV_BYTES);
    return out;
  }

  open(sealed: Uint8Array): Buffer {
    const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (buf[0] !== FORMAT_V1) throw new Error('unknown personal-data format');
    const iv = buf.subarray(1, 1 + IV_BYTES);
    const tag = buf.subarray(1 + IV_BYTES, HEADER_BYTES);
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.#encryptionKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(buf.subarray(HEADER_BYTES)), decipher.final()]);
  }

  /** The keyed hash that finds a value by exact match without storing it. */
  lookupHash(kind: LookupKind, normalised: string): Buffer {
    return crypto.createHmac('sha256', this.#lookupKey).update(`${kind}:${normalised}`).digest();
  }
}

let current: { cipher: PersonalDataCipher; secret: Buffer } | null = null;

/**
 * The process's cipher, made on first use from the environment or the key file beside the data folder;
 * a newly made key file is announced loudly.
 */
export function personalData(): PersonalDataCipher {
  if (current) return current.cipher;
  const source = loadSecretKey(process.env, loadConfig().dataDir);
  if (source.created) console.warn(keyCreatedWarning(source.origin));
  return usePersonalDataSecret(source.key);
}

/** Uses a given secret from now on (tests, or a host that supplies the key itself). */
export function usePersonalDataSecret(secret: Buffer): PersonalDataCipher {
  current = { cipher: new PersonalDataCipher(secret), secret: Buffer.from(secret) };
  return current.cipher;
}

/**
 * A copy of the secret behind `personalData()`, for a worker thread of this process that seals rows
 * with the same key; it never leaves the process.
 */
export function personalDataSecret(): Buffer {
  personalData();
  return Buffer.from(current!.secret);
}
