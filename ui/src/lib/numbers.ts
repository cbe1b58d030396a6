// Numbers as a person types them into a field. The core takes numbers, not text, so a
// field that is not a number is refused here, with an error worded as the core words
// it for the command line (validate::integer and validate::number): naming the field
// and what was typed. Without this, "abc" reached the core as nothing at all and came
// back as a message about the command's arguments, and "0x3" was taken as 3.
import { ApiError } from "./api";

function refuse(field: string, typed: string, rule: string): never {
  const label = field.replaceAll("_", " ");
  const message = typed.trim() === "" ? `${label} is empty` : `${label} ${typed.trim()} is ${rule}`;
  throw new ApiError({ code: "invalid_input", field, message });
}

/** A whole number, as in "12" or "-3". A number field (`type="number"`) gives a number,
 * or null when what it holds is not one. */
export function wholeNumber(field: string, typed: string | number | null): number {
  const t = String(typed ?? "").trim();
  if (!/^[+-]?\d+$/.test(t)) refuse(field, t, "not a whole number");
  return Number(t);
}

/** A number with decimals after a point or a comma, as in "3.5" or "3,5". `rule` says
 * which numbers the field takes, for the error. */
export function decimalNumber(field: string, typed: string, rule = "not a number"): number {
  const t = typed.trim();
  if (!/^[+-]?\d+(?:[.,]\d+)?$/.test(t)) refuse(field, typed, rule);
  return Number(t.replace(",", "."));
}
