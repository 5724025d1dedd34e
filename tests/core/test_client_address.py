"""Who a client is, for every per-client limit (contact form, assessment, sign-in)."""

import pytest

from core.ratelimit import client_ip

PROXY = "10.0.0.2"


@pytest.fixture
def behind_our_proxy(settings):
    settings.CONTACT_TRUSTED_PROXIES = [PROXY]


def forwarded(rf, header: str, remote: str = PROXY):
    return rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=header)


def test_a_direct_client_is_its_own_address_whatever_it_forwards(rf):
    assert client_ip(forwarded(rf, "198.51.100.1", remote="203.0.113.5")) == (
        "203.0.113.5"
    )


@pytest.mark.usefixtures("behind_our_proxy")
def test_behind_our_proxy_the_client_is_the_address_the_proxy_appended(rf):
    assert client_ip(forwarded(rf, "6.6.6.6, 198.51.100.1")) == "198.51.100.1"


@pytest.mark.usefixtures("behind_our_proxy")
@pytest.mark.parametrize(
    ("header", "client"),
    [
        ("198.51.100.1:4711", "198.51.100.1"),
        ('"198.51.100.1:4711"', "198.51.100.1"),
        ("[2001:db8::1]:4711", "2001:db8::"),
        ("6.6.6.6, 198.51.100.1:80", "198.51.100.1"),
        ("198.51.100.1, unknown", "198.51.100.1"),
        ("198.51.100.1, _hidden, 10.0.0.2", "198.51.100.1"),
    ],
)
def test_an_address_with_a_port_or_beside_junk_is_still_the_client(rf, header, client):
    assert client_ip(forwarded(rf, header)) == client


@pytest.mark.usefixtures("behind_our_proxy")
def test_clients_behind_junk_entries_are_not_merged_into_the_proxys_bucket(rf):
    first = client_ip(forwarded(rf, "198.51.100.1, unknown"))
    second = client_ip(forwarded(rf, "198.51.100.2, unknown"))

    assert len({first, second, PROXY}) == 3


@pytest.mark.usefixtures("behind_our_proxy")
def test_a_forged_left_entry_does_not_let_a_client_escape_its_own(rf):
    assert client_ip(forwarded(rf, "1.1.1.1, unknown, 198.51.100.1")) == (
        "198.51.100.1"
    )
    assert client_ip(forwarded(rf, "1.1.1.1, 198.51.100.1:1234")) == "198.51.100.1"


def test_an_ipv6_client_is_counted_by_its_64_network(rf):
    one = rf.get("/", REMOTE_ADDR="2001:db8:aa:bb:1:2:3:4")
    neighbour = rf.get("/", REMOTE_ADDR="2001:db8:aa:bb:ffff::9")
    next_network = rf.get("/", REMOTE_ADDR="2001:db8:aa:bc::1")

    assert client_ip(one) == client_ip(neighbour) == "2001:db8:aa:bb::"
    assert client_ip(next_network) == "2001:db8:aa:bc::"


def test_an_ipv4_client_reached_over_ipv6_is_its_ipv4_address(rf):
    assert client_ip(rf.get("/", REMOTE_ADDR="::ffff:203.0.113.5")) == "203.0.113.5"


@pytest.mark.usefixtures("behind_our_proxy")
def test_a_bare_ipv6_address_from_our_proxy_is_the_client_counted_by_its_64(rf):
    # As nginx writes $remote_addr into X-Forwarded-For: no brackets, no port.
    first = client_ip(forwarded(rf, "2001:db8:5:6::1"))
    neighbour = client_ip(forwarded(rf, "2001:db8:5:6:ffff:ffff:ffff:ffff"))
    elsewhere = client_ip(forwarded(rf, "2001:db8:5:7::1"))

    assert first == neighbour == "2001:db8:5:6::"
    assert elsewhere == "2001:db8:5:7::"
    assert PROXY not in {first, elsewhere}
