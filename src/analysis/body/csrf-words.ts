// What frameworks write when their CSRF check refuses a request (lower case, as readBody reads a
// body's text): Django, Django REST framework ("CSRF Failed: …"), Laravel, Rails, Express csurf,
// Spring Security, ASP.NET Core antiforgery, Flask-WTF, Yii.
export const CSRF_FAILED =
  /csrf verification failed|csrf failed|could not verify the provided csrf token|csrf cookie not set|origin checking failed|csrf token (mismatch|missing|invalid|is missing)|can't verify csrf token authenticity|invalidauthenticitytoken|page expired|invalid csrf token|forbidden \(csrf|the csrf token is missing|csrf token has expired|no valid crumb|invalid_nonce|cookie check failed|unable to verify your data submission|antiforgery (token|cookie|header)|required antiforgery/;
