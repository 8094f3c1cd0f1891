/** Weekday × hour toggles for when a person is free to meet, in their own time zone. */

import "./availability-grid.css";

import { HOURS, WEEKDAY_LABELS, WEEKDAYS, hourLabel, slotKey, sortSlots, type Weekday } from "./slots";

export interface AvailabilityGridProps {
  value: string[];
  onChange: (slots: string[]) => void;
  timeZone: string;
  disabled?: boolean;
}

export default function AvailabilityGrid({ value, onChange, timeZone, disabled = false }: AvailabilityGridProps) {
  const selected = new Set(value);

  const toggle = (key: string) => {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    onChange(sortSlots(next));
  };

  const toggleDay = (day: Weekday) => {
    const keys = HOURS.map((hour) => slotKey(day, hour));
    const allOn = keys.every((key) => selected.has(key));
    const next = new Set(selected);
    for (const key of keys) {
      if (allOn) next.delete(key);
      else next.add(key);
    }
    onChange(sortSlots(next));
  };

  return (
    <div className="vc-grid-scroll">
      <table className="vc-grid" aria-label={`Availability by weekday and hour, in ${timeZone}`}>
        <thead>
          <tr>
            <th scope="col">
              <span className="vc-visually-hidden">Day</span>
            </th>
            {HOURS.map((hour) => (
              <th scope="col" key={hour} title={hourLabel(hour)}>
                {String(hour).padStart(2, "0")}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day) => (
            <tr key={day}>
              <th scope="row">
                <button
                  type="button"
                  className="vc-grid-day"
                  disabled={disabled}
                  onClick={() => toggleDay(day)}
                  title={`Toggle all of ${WEEKDAY_LABELS[day]}`}
                >
                  {WEEKDAY_LABELS[day].slice(0, 3)}
                  <span className="vc-visually-hidden">: toggle the whole day</span>
                </button>
              </th>
              {HOURS.map((hour) => {
                const key = slotKey(day, hour);
                return (
                  <td key={key}>
                    <button
                      type="button"
                      className="vc-grid-cell"
                      aria-pressed={selected.has(key)}
                      aria-label={`${WEEKDAY_LABELS[day]} ${hourLabel(hour)}`}
                      data-slot={key}
                      disabled={disabled}
                      onClick={() => toggle(key)}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
