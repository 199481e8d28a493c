package dev.tessera.console.profile;

import dev.tessera.account.ManagerAccounts;
import dev.tessera.account.Membership;
import dev.tessera.account.Role;
import dev.tessera.apikey.ApiKey;
import dev.tessera.apikey.ApiKeyScope;
import dev.tessera.apikey.ApiKeys;
import dev.tessera.audit.web.RequestActor;
import dev.tessera.console.Dates;
import dev.tessera.console.FieldErrors;
import dev.tessera.console.OperatorGate;
import dev.tessera.system.TesseraException;
import dev.tessera.system.TextFields;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in user's API keys: the list (masked, never the key), a new key (shown once, on the page the
 * creation redirects to; see {@link NewKeyOnce}) and revoking one after a confirmation. The rules are
 * {@link ApiKeys}'; every fault of the form is named at once.
 */
@Controller
class ApiKeysPage {

    static final String PATH = "/settings/api-keys";

    private final ApiKeys keys;
    private final ManagerAccounts accounts;
    private final OperatorGate operator;
    private final NewKeyOnce once;

    ApiKeysPage(ApiKeys keys, ManagerAccounts accounts, OperatorGate operator, NewKeyOnce once) {
        this.keys = keys;
        this.accounts = accounts;
        this.operator = operator;
        this.once = once;
    }

    /** A key as the list shows it. */
    record Row(long id, String name, String masked, String scope, String created, String lastUsed, String revoked) {}

    /** The form's fields, kept to show them again next to an error. */
    record Form(String name, String scope, List<String> accounts) {}

    @GetMapping(PATH)
    String list(Principal principal, Model model) {
        return render(principal, model, new Form("", "creator", List.of()), Map.of(), null);
    }

    @PostMapping(PATH)
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "creator") String scope,
            @RequestParam(name = "accounts", required = false) List<String> chosen, Principal principal,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        List<String> reach = chosen == null ? List.of() : chosen;
        Form form = new Form(name, scope, reach);
        boolean tokenAdmin = "token-admin".equals(scope);
        FieldErrors errors = new FieldErrors()
                .check(() -> TextFields.singleLine("keyName", name, ApiKeys.MAX_NAME))
                .check(() -> ApiKeyScope.parse(scope))
                .check(() -> {
                    if (tokenAdmin && reach.isEmpty()) {
                        throw TesseraException.invalid("accounts", "Choose the accounts whose token the key may reset.");
                    }
                });
        if (!errors.any()) {
            try {
                once.hold(request.getSession(), keys.create(principal.getName(), name, scope,
                        tokenAdmin ? reach : null, RequestActor.of(principal, request)));
                return "redirect:" + PATH + "/new";
            } catch (TesseraException e) {
                errors.add(e);
            }
        }
        response.setStatus(400);
        return render(principal, model, form, errors.messages(), errors.first());
    }

    /** Shows a new key once; a reload, or any later visit, goes back to the list with its masked form. */
    @GetMapping(PATH + "/new")
    String shown(Principal principal, HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        ApiKeys.IssuedKey issued = once.take(request.getSession());
        if (issued == null) {
            redirect.addFlashAttribute("notice", "The new API key was shown once and is now hidden: Tessera keeps only "
                    + "its digest. If you did not store it, revoke it and create another.");
            return "redirect:" + PATH;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        model.addAttribute("issued", issued);
        model.addAttribute("scope", scopeText(issued.view()));
        return "new-api-key";
    }

    @PostMapping(PATH + "/{id}/revoke")
    String revoke(@PathVariable long id, Principal principal, HttpServletRequest request,
            RedirectAttributes redirect) {
        ApiKey key = keys.revoke(principal.getName(), id, RequestActor.of(principal, request));
        redirect.addFlashAttribute("notice", "The API key " + key.name() + " (" + key.maskedKey()
                + ") is revoked. Requests with it are refused from now on.");
        return "redirect:" + PATH;
    }

    private String render(Principal principal, Model model, Form form, Map<String, String> errors, String first) {
        List<Row> rows = keys.list(principal.getName()).stream().map(key -> new Row(key.id(), key.name(),
                key.maskedKey(), scopeText(key), Dates.minute(key.createdAt()),
                key.lastUsedAt() == null ? "Never" : Dates.minute(key.lastUsedAt()),
                key.revokedAt() == null ? null : Dates.minute(key.revokedAt()))).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("adminOf", accounts.membershipsOf(principal.getName()).stream()
                .filter(m -> m.role() == Role.ADMIN).map(Membership::account).toList());
        model.addAttribute("operator", operator.isOperator(principal));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("first", first);
        return "settings-api-keys";
    }

    private static String scopeText(ApiKey key) {
        return switch (key.scope()) {
            case CREATOR -> "Your rights";
            case READ_ONLY -> "Read only";
            case TOKEN_ADMIN -> "Token admin of " + String.join(", ", key.accounts().stream()
                    .map(id -> dev.tessera.account.CustomerId.parseField("accounts", id).display()).toList());
            case OPERATOR -> "Operator";
            case VERIFIER -> "Embedded verifier";
        };
    }
}
