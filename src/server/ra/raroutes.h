#pragma once

namespace certigram {

class HttpListener;
class RegistrationService;

// The RA's HTTP routes: the JSON API under /api/v1 and the prototype's legacy routes in
// the prototype's shapes. Parsing and mapping only; the rules are RegistrationService's.
class RaRoutes
{
public:
    static void registerOn(HttpListener &listener, RegistrationService &service);
};

} // namespace certigram
