// Numbers as a person types them into a field. The core's commands take numbers, not
// text, so text that is not a number is refused here, before anything is sent, with an
// error worded as the core words it for the command line (validate::integer and
// validate::number): naming the field and what was typed. Only digits count: "0x3" and
// "1e3" are refused, not read as JavaScript would read them.
import { ApiError } from "./api";

function refuse(field: string, typed: string, rule: string): never {
  const label = field.replaceAll("_", " ");
  const message = typed.trim() === "" ? `${label} is empty` : `${label} ${typed.trim()} is ${rule}`;
  throw new ApiError({ code: "invalid_input", field, message });
}

/** A whole number, as in "12" or "-3", from a text field or a group of radio buttons
 * (a number, or null when none is chosen). */
export function wholeNumber(field: string, typed: string | number | null): number {
  const t = String(typed ?? "").trim();
  if (!/^[+-]?\d+$/.test(t) || !Number.isSafeInteger(Number(t))) refuse(field, t, "not a whole number");
  return Number(t);
}

/** A number with decimals after a point or a comma, as in "3.5" or "3,5". `rule` says
 * which numbers the field takes, for the error. */
export function decimalNumber(field: string, typed: string, rule = "not a number"): number {
  const t = typed.trim();
  if (!/^[+-]?\d+(?:[.,]\d+)?$/.test(t)) refuse(field, typed, rule);
  return Number(t.replace(",", "."));
}
