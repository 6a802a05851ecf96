/** Routes and the methods each accepts, so a wrong method gets 405 instead of 404. */
const SCIM_ROUTES: { pattern: RegExp; methods: string[] }[] = [
  { pattern: /^\/scim\/v2\/(Users|Groups)\/?$/i, methods: ['GET', 'POST'] },
  { pattern: /^\/scim\/v2\/(Users|Groups)\/[^/]+\/?$/i, methods: ['GET', 'PUT', 'PATCH', 'DELETE'] },
  { pattern: /^\/scim\/v2\/(ServiceProviderConfig|ResourceTypes|Schemas)(\/[^/]+)?\/?$/i, methods: ['GET'] },
  { pattern: /^\/admin\/v1\/companies\/?$/, methods: ['GET', 'POST'] },
  { pattern: /^\/admin\/v1\/companies\/[^/]+\/?$/, methods: ['GET'] },
  { pattern: /^\/admin\/v1\/companies\/[^/]+\/scim\/?$/, methods: ['GET'] },
  { pattern: /^\/admin\/v1\/companies\/[^/]+\/scim\/token\/?$/, methods: ['POST', 'DELETE'] },
  { pattern: /^\/admin\/v1\/companies\/[^/]+\/locations\/?$/, methods: ['GET', 'POST'] },
  { pattern: /^\/admin\/v1\/companies\/[^/]+\/locations\/[^/]+\/?$/, methods: ['GET', 'PATCH', 'DELETE'] },
  { pattern: /^\/admin\/v1\/companies\/[^/]+\/locations\/[^/]+\/users\/?$/, methods: ['GET'] },
  { pattern: /^\/admin\/v1\/companies\/[^/]+\/groups\/?$/, methods: ['GET'] },
  { pattern: /^\/admin\/v1\/companies\/[^/]+\/groups\/[^/]+\/locations\/?$/, methods: ['GET', 'PUT'] },
  { pattern: /^\/admin\/v1\/companies\/[^/]+\/users\/?$/, methods: ['GET'] },
  { pattern: /^\/admin\/v1\/companies\/[^/]+\/users\/[^/]+\/?$/, methods: ['GET'] },
];

/** Returns the methods a path accepts, or undefined when no route has that path. */
export function allowedMethods(path: string): string[] | undefined {
  return SCIM_ROUTES.find((route) => route.pattern.test(path))?.methods;
}
