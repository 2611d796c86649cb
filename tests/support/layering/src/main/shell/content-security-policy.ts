export const csp = 'default-src self'
