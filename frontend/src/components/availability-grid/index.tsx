/**
 * Weekday × hour availability, in the person's own time zone, as an ARIA grid: one Tab stop, arrow
 * keys inside, Space or Enter toggles an hour; a press and drag paints several hours at once. On a
 * phone the hours run down and the days across, so every cell keeps a finger's width.
 */

import "./availability-grid.css";

import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";

import { useNarrow } from "../use-narrow";
import { HOURS, WEEKDAY_LABELS, WEEKDAYS, hourLabel, slotKey, sortSlots, type Weekday } from "./slots";

export interface AvailabilityGridProps {
  value: string[];
  onChange: (slots: string[]) => void;
  timeZone: string;
  disabled?: boolean;
  invalid?: boolean;
  /** Names the grid for assistive technology, e.g. by the id of its form field's label. */
  ariaDescribedby?: string;
}

interface Position {
  day: number;
  hour: number;
}

const DAY_COUNT = WEEKDAYS.length;
const HOUR_COUNT = HOURS.length;

function keyAt({ day, hour }: Position): string {
  return slotKey(WEEKDAYS[day] as Weekday, hour);
}

function cellLabel({ day, hour }: Position): string {
  return `${WEEKDAY_LABELS[WEEKDAYS[day] as Weekday]} ${hourLabel(hour)}`;
}

function clamp(value: number, max: number): number {
  return Math.min(Math.max(value, 0), max - 1);
}

/** Where an arrow key leads; rows and columns swap with the layout, so arrows follow the eye. */
function moved(position: Position, key: string, daysAcross: boolean): Position | null {
  const step: Record<string, [number, number]> = daysAcross
    ? { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }
    : { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
  const delta = step[key];
  if (delta) return { day: clamp(position.day + delta[0], DAY_COUNT), hour: clamp(position.hour + delta[1], HOUR_COUNT) };
  // Home and End go to the ends of the row as it is drawn.
  if (key === "Home") return daysAcross ? { ...position, day: 0 } : { ...position, hour: 0 };
  if (key === "End") return daysAcross ? { ...position, day: DAY_COUNT - 1 } : { ...position, hour: HOUR_COUNT - 1 };
  return null;
}

export default function AvailabilityGrid({ value, onChange, timeZone, disabled = false, invalid = false, ariaDescribedby }: AvailabilityGridProps) {
  const daysAcross = useNarrow();
  const selected = new Set(value);
  const [active, setActive] = useState<Position>({ day: 0, hour: 9 });
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  // While a press is held: whether it selects or clears, and the hours as painted so far.
  const painting = useRef<{ on: boolean; slots: Set<string> } | null>(null);

  const paint = (key: string) => {
    const stroke = painting.current;
    if (stroke === null) return;
    const had = stroke.slots.has(key);
    if (stroke.on === had) return;
    if (stroke.on) stroke.slots.add(key);
    else stroke.slots.delete(key);
    onChange(sortSlots(stroke.slots));
  };

  useEffect(() => {
    const end = () => {
      painting.current = null;
    };
    window.addEventListener("pointerup", end);
    window.addEventListener("pointercancel", end);
    return () => {
      window.removeEventListener("pointerup", end);
      window.removeEventListener("pointercancel", end);
    };
  }, []);

  const focusCell = (position: Position) => {
    setActive(position);
    cells.current.get(keyAt(position))?.focus();
  };

  const toggle = (position: Position) => {
    const key = keyAt(position);
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    onChange(sortSlots(next));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (disabled) return;
    if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      toggle(active);
      return;
    }
    const next = moved(active, event.key, daysAcross);
    if (next === null) return;
    event.preventDefault();
    focusCell(next);
  };

  const onPointerDown = (event: PointerEvent<HTMLTableCellElement>, position: Position) => {
    if (disabled || event.button !== 0) return;
    event.preventDefault();
    // Without this, a touch would keep its events on the cell it started on.
    event.currentTarget.releasePointerCapture?.(event.pointerId);
    focusCell(position);
    const key = keyAt(position);
    painting.current = { on: !selected.has(key), slots: new Set(selected) };
    paint(key);
  };

  const onPointerMove = (event: PointerEvent<HTMLTableElement>) => {
    if (painting.current === null) return;
    const under = document.elementFromPoint(event.clientX, event.clientY);
    const slot = under instanceof HTMLElement ? under.closest<HTMLElement>("[data-slot]")?.dataset.slot : undefined;
    if (slot) paint(slot);
  };

  const cell = (position: Position) => {
    const key = keyAt(position);
    const isActive = position.day === active.day && position.hour === active.hour;
    return (
      <td
        key={key}
        role="gridcell"
        ref={(element) => {
          if (element) cells.current.set(key, element);
          else cells.current.delete(key);
        }}
        className="vc-grid-cell"
        aria-selected={selected.has(key)}
        aria-label={cellLabel(position)}
        aria-disabled={disabled || undefined}
        data-slot={key}
        tabIndex={isActive && !disabled ? 0 : -1}
        onPointerDown={(event) => onPointerDown(event, position)}
        onFocus={() => setActive(position)}
      />
    );
  };

  const dayHeader = (day: number) => (
    <abbr title={WEEKDAY_LABELS[WEEKDAYS[day] as Weekday]}>{WEEKDAY_LABELS[WEEKDAYS[day] as Weekday].slice(0, 3)}</abbr>
  );
  const hourHeader = (hour: number) => String(hour).padStart(2, "0");

  return (
    <table
      role="grid"
      aria-multiselectable="true"
      aria-label={`Availability by weekday and hour, in ${timeZone}`}
      aria-describedby={ariaDescribedby}
      data-invalid={invalid ? "true" : undefined}
      className={`vc-grid ${daysAcross ? "vc-grid--days-across" : "vc-grid--hours-across"}`}
      onKeyDown={onKeyDown}
      onPointerMove={onPointerMove}
    >
      <thead>
        <tr>
          <th scope="col" role="columnheader" className="vc-grid-corner">
            <span className="vc-visually-hidden">{daysAcross ? "Hour" : "Day"}</span>
          </th>
          {daysAcross
            ? WEEKDAYS.map((day, index) => (
                <th scope="col" role="columnheader" key={day}>
                  {dayHeader(index)}
                </th>
              ))
            : HOURS.map((hour) => (
                <th scope="col" role="columnheader" key={hour} aria-label={hourLabel(hour)}>
                  {hourHeader(hour)}
                </th>
              ))}
        </tr>
      </thead>
      <tbody>
        {daysAcross
          ? HOURS.map((hour) => (
              <tr key={hour}>
                <th scope="row" role="rowheader">
                  {hourLabel(hour)}
                </th>
                {WEEKDAYS.map((_, day) => cell({ day, hour }))}
              </tr>
            ))
          : WEEKDAYS.map((dayName, day) => (
              <tr key={dayName}>
                <th scope="row" role="rowheader">
                  {dayHeader(day)}
                </th>
                {HOURS.map((hour) => cell({ day, hour }))}
              </tr>
            ))}
      </tbody>
    </table>
  );
}
