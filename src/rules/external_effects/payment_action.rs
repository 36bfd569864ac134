//! Payment-provider objects created or changed: charges, refunds, payouts,
//! subscriptions (the Stripe CLI, write calls to payment APIs).

use crate::rules::prelude::*;
use crate::rules::shared::api::{http_writes, positionals, url_host};

pub(crate) static RULE: Rule = Rule {
    code: "EXT009",
    name: "payment-action",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: &["stripe", "curl", "http", "xh", "wget"],
    summary: "creates or changes payments, refunds or subscriptions",
    why: "Payment actions move real money or bill real customers.",
    check,
    fires: &[
        "stripe refunds create --charge ch_123",
        "stripe charges create --amount 500 --currency usd",
        "stripe post /v1/payouts -d amount=1000",
        "stripe subscriptions cancel sub_1",
        "stripe trigger payment_intent.succeeded",
        "curl https://api.stripe.com/v1/refunds -u sk_live_x: -d charge=ch_1",
        "curl -X POST https://api-m.paypal.com/v2/checkout/orders -H 'Authorization: Bearer x'",
        "bash -c 'stripe invoices pay in_1'",
    ],
    passes: &[
        "stripe listen --forward-to localhost:3000/webhook",
        "stripe customers list",
        "stripe get /v1/charges",
        "curl https://api.stripe.com/v1/charges -u sk_test_x:",
        "stripe logs tail",
    ],
};

const WRITE_VERBS: &[&str] = &[
    "create", "update", "delete", "cancel", "capture", "refund", "pay", "finalize", "void", "confirm", "post", "trigger", "fixtures", "approve", "reverse",
    "close", "resume",
];
const PAYMENT_HOSTS: &[&str] = &[
    "api.stripe.com",
    "api-m.paypal.com",
    "api.paypal.com",
    "api.braintreegateway.com",
    "connect.squareup.com",
    "api.razorpay.com",
    "api.adyen.com",
    "api.mollie.com",
    "api.paddle.com",
    "api.lemonsqueezy.com",
];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.name == "stripe" {
        let pos: Vec<&str> = positionals(cmd).into_iter().filter(|p| !p.starts_with('-')).collect();
        let verb = pos.iter().take(2).copied().find(|p| WRITE_VERBS.contains(p))?;
        return Some(
            Hit::command()
                .with_message(format!("`stripe {}` {verb}s objects in the Stripe account", pos.iter().take(2).copied().collect::<Vec<_>>().join(" "))),
        );
    }
    let url = cmd.args.iter().find(|w| url_host(w).is_some_and(|h| PAYMENT_HOSTS.contains(&h.as_str())))?;
    let writes = http_writes(cmd);
    writes.then(|| Hit::on(url).with_message(format!("`{}` sends a write request to a payment API", cmd.name)))
}
