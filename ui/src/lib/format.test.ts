import { describe, expect, it } from "vitest";
import { fieldWords, formatDate, sentence } from "./format";

describe("formatDate", () => {
  it("writes a day as the core's findings do: day, fixed month name, year", () => {
    expect(formatDate("2026-12-07")).toBe("7 Dec 2026");
    // Not the locale's "Sept", which the core would not write.
    expect(formatDate("2026-09-01")).toBe("1 Sep 2026");
    expect(formatDate(null)).toBe("—");
    // What is not a date is shown as it came.
    expect(formatDate("2026-13-01")).toBe("2026-13-01");
  });
});

describe("sentence", () => {
  it("starts a finding with a capital, and leaves the rest as the core wrote it", () => {
    expect(sentence('goal "Ship it" has no feedback activity')).toBe('Goal "Ship it" has no feedback activity');
    expect(sentence("")).toBe("");
  });
});

describe("fieldWords", () => {
  it("writes a field's code in words, as the core's errors do", () => {
    expect(fieldWords("completed_on")).toBe("completed on");
    expect(fieldWords("head_count")).toBe("head count");
    expect(fieldWords(null)).toBe("");
  });
});
