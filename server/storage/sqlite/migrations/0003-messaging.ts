// PLACEHOLDER for migration 3 (issue 9, owned by the messaging helper): only the column the search
// index needs. When the real 0003 lands on main, it replaces this file whole.
export default /* sql */ `
ALTER TABLE messages ADD COLUMN system TEXT;
`;
