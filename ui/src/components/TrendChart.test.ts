import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import TrendChart from "./TrendChart.svelte";
import { rating } from "../test/fixtures";

describe("TrendChart", () => {
  it("draws one point per rating, in date order, higher scores higher up", () => {
    render(TrendChart, { ratings: [rating(4, "2026-04-01"), rating(2, "2026-01-10")] });
    const points = screen.getAllByTestId("trend-point");
    expect(points.map((p) => p.dataset.score)).toEqual(["2", "4"]);
    const [early, late] = points.map((p) => ({ x: Number(p.getAttribute("cx")), y: Number(p.getAttribute("cy")) }));
    expect(late.x).toBeGreaterThan(early.x);
    expect(late.y).toBeLessThan(early.y);
  });

  it("keeps the current and next levels on separate lines", () => {
    const { container } = render(TrendChart, {
      ratings: [rating(3, "2026-01-10"), rating(4, "2026-03-01"), rating(2, "2026-03-01", { id: "n1", level: "next" })],
    });
    const current = container.querySelector("path.current")!.getAttribute("d")!;
    const next = container.querySelector("path.next")!.getAttribute("d")!;
    expect(current.split("L")).toHaveLength(2);
    expect(next.startsWith("M")).toBe(true);
    expect(next.includes("L")).toBe(false);
  });
});
