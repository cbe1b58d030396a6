import { describe, expect, it } from "vitest";
import { decimalNumber, wholeNumber } from "./numbers";
import { ApiError } from "./api";

/** The error a field's text gets, or null when it is taken. */
function refused(read: () => number): { field: string | null; message: string } | null {
  try {
    read();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return { field: (e as ApiError).field, message: (e as ApiError).message };
  }
}

describe("numbers typed into a field", () => {
  it("takes whole numbers and names the field and the text otherwise", () => {
    expect(wholeNumber("cadence_days", " 14 ")).toBe(14);
    expect(wholeNumber("score", 4)).toBe(4);
    expect(refused(() => wholeNumber("head_count", "0x3"))).toEqual({ field: "head_count", message: "head count 0x3 is not a whole number" });
    expect(refused(() => wholeNumber("head_count", "12.5"))?.message).toBe("head count 12.5 is not a whole number");
    expect(refused(() => wholeNumber("head_count", "1e3"))?.message).toBe("head count 1e3 is not a whole number");
    expect(refused(() => wholeNumber("head_count", "99999999999999999999"))?.message).toBe("head count 99999999999999999999 is not a whole number");
    expect(refused(() => wholeNumber("cadence_days", "  "))?.message).toBe("cadence days is empty");
    expect(refused(() => wholeNumber("score", null))?.message).toBe("score is empty");
  });

  it("takes decimals after a point or a comma", () => {
    expect(decimalNumber("awareness_score", "3,5")).toBe(3.5);
    expect(decimalNumber("awareness_score", "4")).toBe(4);
    expect(refused(() => decimalNumber("awareness_score", "0x3", "not a number from 1 to 5"))?.message).toBe("awareness score 0x3 is not a number from 1 to 5");
    expect(refused(() => decimalNumber("awareness_score", "Infinity"))?.message).toBe("awareness score Infinity is not a number");
  });
});
