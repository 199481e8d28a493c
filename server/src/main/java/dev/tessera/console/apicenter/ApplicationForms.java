package dev.tessera.console.apicenter;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.system.web.ErrorStatus;
import dev.tessera.console.AdminGate;
import dev.tessera.console.FieldErrors;
import dev.tessera.console.Labels;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.system.TextFields;
import dev.tessera.access.AccessApplications;
import dev.tessera.account.CustomerId;
import dev.tessera.system.TesseraException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Apply for higher access" in the API Center (ADMIN only). A wrong field is shown next to the
 * field, a refusal (a level held already, STANDARD before BASIC, one pending) above the form; the
 * fields keep what was typed.
 */
@Controller
class ApplicationForms {

    /** The service's field names as the form labels them. */
    private final AccessApplications applications;
    private final AdminGate gate;
    private final ApiCenterView view;
    private final Labels labels;

    ApplicationForms(AccessApplications applications, AdminGate gate, ApiCenterView view, Labels labels) {
        this.labels = labels;
        this.applications = applications;
        this.gate = gate;
        this.view = view;
    }

    @PostMapping("/accounts/{customerId}/api-center/access-applications")
    String apply(@PathVariable String customerId, @ModelAttribute("applicationForm") ApiCenterView.ApplicationForm form,
            Principal principal, HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), ApiCenterPage.PAGE);
        // Every field's own rule first, so that the page names every bad field at once.
        FieldErrors errors = new FieldErrors()
                .check(() -> TextFields.multiLine("useCase", form.useCase(), 4000))
                .check(() -> {
                    Long operations = operations(form.expectedDailyOperations());
                    if (operations == null || operations < 0) {
                        throw TesseraException.invalid("expectedDailyOperations",
                                "Give the expected daily operations: a whole number, 0 or more, like 5000.");
                    }
                })
                .check(() -> ManagerAccounts.webAddress("companyUrl", form.companyUrl()));
        if (errors.any()) {
            return refused(id, errors, principal, request, response, model);
        }
        try {
            var filed = applications.apply(id, new AccessApplications.Application(form.requestedLevel(), form.useCase(),
                    operations(form.expectedDailyOperations()), form.companyUrl()), RequestActor.of(principal, request));
            redirect.addFlashAttribute("notice", "Your application for " + labels.level(filed.requestedLevel())
                    + " access was sent. It is pending review; the API contact email hears of the decision.");
            return "redirect:/accounts/" + id.digits() + "/api-center#applications-title";
        } catch (TesseraException e) {
            if (e instanceof TesseraException.Forbidden || e instanceof TesseraException.NotFound) {
                throw e;
            }
            if (e.field() != null) {
                FieldErrors one = new FieldErrors();
                one.add(e);
                return refused(id, one, principal, request, response, model);
            }
            response.setStatus(ErrorStatus.of(e).value());
            model.addAttribute("applicationRefusal", e.getMessage());
            return view.render(id, principal, request, model);
        }
    }

    private String refused(CustomerId id, FieldErrors errors, Principal principal, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        response.setStatus(400);
        model.addAttribute("applicationErrors", errors.messages());
        model.addAttribute("applicationFirst", errors.first());
        return view.render(id, principal, request, model);
    }

    private static Long operations(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(typed.strip().replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw TesseraException.invalid("expectedDailyOperations", "Expected daily operations is a whole number, "
                    + "like 5000, not “" + typed.strip() + "”.");
        }
    }

}
