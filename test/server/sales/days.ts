/** The Helsinki calendar day `n` days from now (`YYYY-MM-DD`): validity and delivery dates of the sales tests. */
import { addCalendarDays, calendarDay } from '../../../shared/domain/zonedTime';

export const inDays = (n: number): string => calendarDay(addCalendarDays(new Date(), n));
