export type EfirmaErrorCode =
  | 'efirma.wrong_password'
  | 'efirma.key_mismatch'
  | 'efirma.not_a_certificate'
  | 'efirma.not_a_key'
  | 'efirma.unsupported_key';

/** Why a pair of e.firma files cannot be opened; the portal translates the code, the message is for logs. */
export class EfirmaError extends Error {
  override name = 'EfirmaError';
  constructor(
    readonly code: EfirmaErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** sign() after forget() (sign-out, idle): the portal asks for the files and password again. */
export class EfirmaForgottenError extends Error {
  override name = 'EfirmaForgottenError';
  constructor() {
    super('The e.firma key was forgotten (signed out or idle): open the .cer and .key files again');
  }
}
