// Where a form shows an error: beside the field the core named, or, when the error is
// not about one of the form's fields, once for the whole form.
import { ApiError } from "./api";

export function errorFor(error: ApiError | null, field: string): string | null {
  return error && error.isBadInput && error.field === field ? error.message : null;
}

export function formError(error: ApiError | null, fields: readonly string[]): ApiError | null {
  if (!error) return null;
  return error.isBadInput && error.field && fields.includes(error.field) ? null : error;
}
