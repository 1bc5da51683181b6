// What other features may use from 户籍: reading one household.
export { householdQuery } from './queries';
