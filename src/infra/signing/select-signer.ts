// Chooses the office's signer from configuration: the development CA on this machine, or the
// certified BSrE service. The rest of the product only sees `Signer`.
import { z } from 'zod';
import { createBsreSigner } from './bsre/bsre-signer.ts';
import type { BsreDeps } from './bsre/bsre-signer.ts';
import { certsDirOf } from './dev-ca.ts';
import { signingErrors } from './errors.ts';
import { createLocalSigner } from './local-signer.ts';
import type { Signer } from './signer.ts';

export const signingConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('local'), certsDir: z.string().min(1) }),
  z.strictObject({
    kind: z.literal('bsre'),
    // Many installs serve plain HTTP on the agency network, so both schemes are accepted.
    baseUrl: z.url({ protocol: /^https?$/ }),
    version: z.enum(['v1', 'v2']).default('v2'),
    username: z.string().min(1),
    password: z.string().min(1),
    signTimeoutMs: z.number().int().positive().optional(),
    readTimeoutMs: z.number().int().positive().optional(),
    checkStatusBeforeSigning: z.boolean().optional(),
  }),
]);
export type SigningConfig = z.input<typeof signingConfigSchema>;

export function selectSigner(config: SigningConfig, deps: BsreDeps = {}): Signer {
  const parsed = signingConfigSchema.safeParse(config);
  if (!parsed.success) {
    // Paths only: a value here may be the BSrE password.
    throw signingErrors.config(parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', '));
  }
  const c = parsed.data;
  return c.kind === 'local' ? createLocalSigner({ certsDir: c.certsDir }) : createBsreSigner(c, deps);
}

// The signing part of the environment, for the configuration object: SIGNER=local (default,
// certificates in DATA_DIR/certs or SIGNING_CERTS_DIR) or SIGNER=bsre with BSRE_BASE_URL,
// BSRE_API_VERSION (v2 by default), BSRE_USERNAME and BSRE_PASSWORD.
export function signingConfigFromEnv(env: Record<string, string | undefined>, dataDir: string): SigningConfig {
  const v = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  if ((v('SIGNER') ?? 'local') === 'local') return { kind: 'local', certsDir: v('SIGNING_CERTS_DIR') ?? certsDirOf(dataDir) };
  if (v('SIGNER') !== 'bsre') throw signingErrors.config('SIGNER must be local or bsre');
  const version = v('BSRE_API_VERSION') ?? 'v2';
  if (version !== 'v1' && version !== 'v2') throw signingErrors.config('BSRE_API_VERSION must be v1 or v2');
  return { kind: 'bsre', baseUrl: v('BSRE_BASE_URL') ?? '', version, username: v('BSRE_USERNAME') ?? '', password: v('BSRE_PASSWORD') ?? '' };
}
