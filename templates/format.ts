export { formatLongDate } from '../domain/templates/long-date';
