package dev.parceler.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's sign-in form as a client without a browser gets it: the CSRF cookie and the
 * token of {@code GET /login}, sent back with a name and a password. What anyone on the internet
 * can do without credentials.
 */
public record SignInForm(String cookie, String token, List<String> headers) {
    private static final Pattern COOKIE = Pattern.compile("parceler_login_csrf=([0-9a-f]+)");
    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"");

    /** {@code headers} go with both requests (an X-Forwarded-For from the nginx front, say). */
    public static SignInForm fetch(HttpProbe http, String... headers) {
        HttpProbe.Answer form = http.get("/login", headers);
        Matcher cookie = COOKIE.matcher(String.valueOf(form.header("Set-Cookie")));
        Matcher token = TOKEN.matcher(form.text());
        if (form.status() != 200 || !cookie.find() || !token.find()) {
            throw new IllegalStateException("no sign-in form: " + form.status() + " " + form.text());
        }
        return new SignInForm(cookie.group(1), token.group(1), List.of(headers));
    }

    public HttpProbe.Answer submit(HttpProbe http, String name, String password) {
        String body = "_csrf=" + token + "&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&next=%2F";
        List<String> all = new ArrayList<>(headers);
        all.add("Content-Type: application/x-www-form-urlencoded");
        all.add("Cookie: parceler_login_csrf=" + cookie);
        return http.send("POST", "/login", body, all.toArray(String[]::new));
    }
}
